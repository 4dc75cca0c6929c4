import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, type RecordedRequest, type Reply } from '../test/fetch-mock.ts';
import { editingApi } from './api.ts';
import { useAutosave } from './useAutosave.ts';

const EDITS = 'POST /api/participants/DL/strategies/NS-2021-2024/edits';
type Title = { title: string };

/** Saves an activity's title through the editing API, as the forms do. */
function saveTitle(value: Title, version: number): Promise<number> {
  return editingApi('DL', 'NS-2021-2024')
    .edit([{ op: 'update', kind: 'activity', code: 'A1.1.1', version, data: { id: 'A1.1.1', objective: 'O1.1', ...value } }])
    .then((answer) => answer.results[0]?.version ?? version);
}

function saved(version: number): Reply {
  return { status: 200, body: { results: [{ code: 'A1.1.1', kind: 'activity', version }], outlineVersion: version } };
}

function sentTitles(requests: RecordedRequest[]): { title: unknown; version: unknown }[] {
  return requests
    .filter((request) => request.method === 'POST')
    .map((request) => {
      const edit = (request.body as { edits: { version: number; data: Title }[] }).edits[0];
      return { title: edit?.data.title, version: edit?.version };
    });
}

function renderAutosave(initial: Title = { title: 'Train judges' }, version = 3) {
  return renderHook(({ value }: { value: Title }) => useAutosave({ value, version, save: saveTitle }), {
    initialProps: { value: initial },
  });
}

/** Lets the timers run for a while, and the answers that come meanwhile arrive. */
async function wait(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useAutosave', () => {
  it('saves once the typing pauses, with the version it was read at, then with the new one', async () => {
    let version = 3;
    const requests = mockApi({ [EDITS]: () => saved(++version) });
    const { result, rerender } = renderAutosave();
    expect(result.current.state).toBe('saved');

    rerender({ value: { title: 'Train j' } });
    expect(result.current.state).toBe('pending');
    await wait(400);
    rerender({ value: { title: 'Train judges and prosecutors' } });
    await wait(400);
    expect(sentTitles(requests)).toEqual([]);
    await wait(400);
    expect(sentTitles(requests)).toEqual([{ title: 'Train judges and prosecutors', version: 3 }]);
    expect(result.current.state).toBe('saved');
    expect(result.current.version).toBe(4);
    expect(requests[0]?.body).toEqual({
      edits: [
        {
          op: 'update',
          kind: 'activity',
          code: 'A1.1.1',
          version: 3,
          data: { id: 'A1.1.1', objective: 'O1.1', title: 'Train judges and prosecutors' },
        },
      ],
    });

    rerender({ value: { title: 'Train judges' } });
    await wait(800);
    expect(sentTitles(requests)).toEqual([
      { title: 'Train judges and prosecutors', version: 3 },
      { title: 'Train judges', version: 4 },
    ]);
    expect(result.current.version).toBe(5);
  });

  it('sends one save at a time; what is typed during a save goes next', async () => {
    let release: (reply: Reply) => void = () => undefined;
    let version = 3;
    const requests = mockApi({
      [EDITS]: () => {
        version += 1;
        return version === 4 ? new Promise<Reply>((resolve) => (release = resolve)) : saved(version);
      },
    });
    const { result, rerender } = renderAutosave();
    rerender({ value: { title: 'First' } });
    await wait(700);
    expect(result.current.state).toBe('saving');

    rerender({ value: { title: 'Second' } });
    await wait(2000);
    expect(result.current.state).toBe('saving');
    expect(sentTitles(requests)).toEqual([{ title: 'First', version: 3 }]);

    // A flush asked for meanwhile waits too, and sends nothing twice.
    let flushed: Promise<boolean> = Promise.resolve(false);
    act(() => {
      flushed = result.current.flush();
    });
    await act(async () => {
      release(saved(4));
      await vi.advanceTimersByTimeAsync(0);
    });
    await act(async () => {
      expect(await flushed).toBe(true);
    });
    await wait(1000);
    expect(sentTitles(requests)).toEqual([
      { title: 'First', version: 3 },
      { title: 'Second', version: 4 },
    ]);
    expect(result.current.state).toBe('saved');
    expect(result.current.version).toBe(5);
  });

  it('keeps a refused value and its issues, does not send it again, and sends the next change', async () => {
    const requests = mockApi({
      [EDITS]: (request) =>
        (request.body as { edits: { data: Title }[] }).edits[0]?.data.title === ''
          ? {
              status: 400,
              body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
                { path: 'edits[0].data.title', message: 'This field is required.' },
              ]),
            }
          : saved(4),
    });
    const { result, rerender } = renderAutosave();
    rerender({ value: { title: '' } });
    await wait(700);
    expect(result.current.state).toBe('invalid');
    expect(result.current.error?.issues).toEqual([{ path: 'edits[0].data.title', message: 'This field is required.' }]);
    expect(result.current.version).toBe(3);
    await wait(5000);
    expect(sentTitles(requests)).toHaveLength(1);

    rerender({ value: { title: 'Train judges again' } });
    expect(result.current.state).toBe('pending');
    await wait(700);
    expect(result.current.state).toBe('saved');
    expect(result.current.error).toBeNull();
    expect(sentTitles(requests)).toEqual([
      { title: '', version: 3 },
      { title: 'Train judges again', version: 3 },
    ]);
  });

  it('reports a failure to reach the server, and tries again when asked', async () => {
    let attempts = 0;
    const requests = mockApi({
      [EDITS]: () => (++attempts === 1 ? { status: 503, body: errorBody('SERVICE_UNAVAILABLE', 'Unavailable.') } : saved(4)),
    });
    const { result, rerender } = renderAutosave();
    rerender({ value: { title: 'Changed' } });
    await wait(700);
    expect(result.current.state).toBe('failed');
    expect(result.current.error?.message).toBe('Unavailable.');
    await act(async () => {
      expect(await result.current.flush()).toBe(true);
    });
    expect(result.current.state).toBe('saved');
    expect(sentTitles(requests)).toHaveLength(2);
  });

  describe('when someone else saved the element meanwhile', () => {
    const stored = { code: 'A1.1.1', kind: 'activity', version: 7, data: { id: 'A1.1.1', objective: 'O1.1', title: 'Their title' } };

    function conflictThenSaved(): RecordedRequest[] {
      let attempts = 0;
      return mockApi({
        [EDITS]: () =>
          ++attempts === 1
            ? { status: 409, body: errorBody('EDIT_CONFLICT', 'Someone else has changed this in the meantime.', undefined, stored) }
            : saved(8),
      });
    }

    it('shows both versions and stops saving until the person chooses', async () => {
      const requests = conflictThenSaved();
      const { result, rerender } = renderAutosave();
      rerender({ value: { title: 'My title' } });
      await wait(700);
      expect(result.current.state).toBe('conflict');
      expect(result.current.conflict).toEqual(stored);
      rerender({ value: { title: 'My better title' } });
      await wait(3000);
      expect(result.current.state).toBe('conflict');
      expect(sentTitles(requests)).toHaveLength(1);
    });

    it('keeps mine: saves what was typed over the stored version', async () => {
      const requests = conflictThenSaved();
      const { result, rerender } = renderAutosave();
      rerender({ value: { title: 'My title' } });
      await wait(700);
      await act(async () => {
        result.current.keepMine();
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(sentTitles(requests)).toEqual([
        { title: 'My title', version: 3 },
        { title: 'My title', version: 7 },
      ]);
      expect(result.current.state).toBe('saved');
      expect(result.current.conflict).toBeNull();
      expect(result.current.version).toBe(8);
    });

    it('takes theirs: the stored version becomes what is shown and saved, without a request', async () => {
      const requests = conflictThenSaved();
      const { result, rerender } = renderAutosave();
      rerender({ value: { title: 'My title' } });
      await wait(700);
      act(() => result.current.takeTheirs({ title: 'Their title' }));
      rerender({ value: { title: 'Their title' } });
      await wait(2000);
      expect(result.current.state).toBe('saved');
      expect(result.current.version).toBe(7);
      expect(sentTitles(requests)).toHaveLength(1);

      rerender({ value: { title: 'Their title, improved' } });
      await wait(700);
      expect(sentTitles(requests)[1]).toEqual({ title: 'Their title, improved', version: 7 });
    });
  });

  it('asks before the page is left with changes not yet stored', async () => {
    mockApi({ [EDITS]: saved(4) });
    const { result, rerender } = renderAutosave();
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    rerender({ value: { title: 'Changed' } });
    expect(leave()).toBe(true);
    await wait(700);
    expect(result.current.state).toBe('saved');
    expect(leave()).toBe(false);
  });

  it('saves nothing while it is not enabled', async () => {
    const requests = mockApi({ [EDITS]: saved(4) });
    const { result, rerender } = renderHook(
      ({ value }: { value: Title }) => useAutosave({ value, version: 1, save: saveTitle, enabled: false }),
      {
        initialProps: { value: { title: 'A' } },
      },
    );
    rerender({ value: { title: 'B' } });
    await wait(3000);
    expect(requests).toHaveLength(0);
    expect(result.current.state).toBe('pending');
  });
});
