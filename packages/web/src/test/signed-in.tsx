import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { expect } from 'vitest';
import { SessionProvider, useSession } from '../session.tsx';

/** Shows its children once the mocked session has been read. */
function WhenSignedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  return state.status === 'signedIn' ? <>{children}</> : <p data-testid="signing-in" />;
}

/** Where the router is, for tests that follow a link or a navigation. */
function Location() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Renders a component as a signed-in person sees it (the session comes from the mocked
 * `GET /api/session`) under a router at `path`, with the component at `route`; resolves once it shows.
 */
export async function renderSignedIn(element: ReactNode, { path = '/', route = '*' }: { path?: string; route?: string } = {}) {
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider>
        <WhenSignedIn>
          <Routes>
            <Route path={route} element={element} />
            {route === '*' ? null : <Route path="*" element={<p data-testid="elsewhere" />} />}
          </Routes>
          <Location />
        </WhenSignedIn>
      </SessionProvider>
    </MemoryRouter>,
  );
  await waitFor(() => expect(screen.queryByTestId('signing-in')).toBeNull());
  return result;
}

/** The path and query the router is at now. */
export function currentLocation(): string {
  return screen.getByTestId('location').textContent ?? '';
}
