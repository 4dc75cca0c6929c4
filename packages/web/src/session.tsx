import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isLanguage, type Action, type Language } from '@ariadne/domain';
import { api, asApiError, onUnauthorized, setCsrfToken, type ParticipantRef, type SessionData, type SessionUser } from './api.ts';
import { currentLanguage, switchLanguage } from './i18n.ts';

const PARTICIPANT_KEY = 'ariadne.participant';

/**
 * Where the session stands: being read, absent, unreadable, or present. When absent because the
 * server ended it, `notice` says why; after signing out on purpose, `signedOutByUser` is set.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; notice?: string; signedOutByUser?: boolean }
  | { status: 'unavailable'; message: string }
  | { status: 'signedIn'; session: SessionData };

type SessionContextValue = {
  state: SessionState;
  /** Signs in; throws an ApiError whose message can be shown. */
  /** Signs in; `code` is the second step of an account with two-step sign-in. */
  signIn: (email: string, password: string, code?: string) => Promise<void>;
  /** Signs out; throws an ApiError when the server could not end the session. */
  signOut: () => Promise<void>;
  /** Reads the session again, after it could not be read. */
  reload: () => void;
  /** Replaces the user's own details after they changed them. */
  updateUser: (user: SessionUser) => void;
  /** The Participants where the user holds a role, in the order of their memberships. */
  participants: ParticipantRef[];
  /** The Participant the user works in now, or null before sign-in. */
  participant: ParticipantRef | null;
  /** Chooses the Participant to work in, remembered on this browser. */
  setParticipant: (code: string) => void;
  /** Changes the interface language and, when signed in, saves it to the account; throws when saving fails. */
  changeLanguage: (language: Language) => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

function readStoredParticipant(): string | null {
  try {
    return window.localStorage.getItem(PARTICIPANT_KEY);
  } catch {
    return null;
  }
}

function storeParticipant(code: string): void {
  try {
    window.localStorage.setItem(PARTICIPANT_KEY, code);
  } catch {
    // Without storage the choice lasts the visit only.
  }
}

function participantsOf(session: SessionData): ParticipantRef[] {
  const seen = new Map<string, ParticipantRef>();
  for (const membership of session.memberships) {
    if (!seen.has(membership.participant.code)) seen.set(membership.participant.code, membership.participant);
  }
  return [...seen.values()];
}

/** Holds the signed-in session for the whole application and reacts when the server ends it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [participantCode, setParticipantCode] = useState<string | null>(readStoredParticipant);
  // A language picked on the sign-in page is the person's latest wish: it is saved to the account
  // at sign-in instead of being replaced by the language stored there.
  const languagePickedWhileSignedOut = useRef(false);
  const [attempt, setAttempt] = useState(0);

  const enter = useCallback(async (session: SessionData, fresh: boolean) => {
    setCsrfToken(session.csrfToken);
    const saved = session.user.language;
    let user = session.user;
    if (fresh && languagePickedWhileSignedOut.current) {
      languagePickedWhileSignedOut.current = false;
      const language = currentLanguage();
      if (saved !== language) {
        try {
          user = (await api.patch<{ user: SessionUser }>('/api/account', { language })).user;
        } catch {
          // Signing in matters more than remembering the language; the switcher can save it later.
        }
      }
    } else if (isLanguage(saved) && saved !== currentLanguage()) {
      await switchLanguage(saved);
    }
    setState({ status: 'signedIn', session: { ...session, user } });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<SessionData>('/api/session', { expectUnauthorized: true, signal: controller.signal })
      .then((session) => enter(session, false))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = asApiError(error);
        if (apiError.status === 401) setState({ status: 'signedOut' });
        else setState({ status: 'unavailable', message: apiError.message });
      });
    return () => controller.abort();
  }, [enter, attempt]);

  useEffect(
    () =>
      onUnauthorized((message) => {
        setCsrfToken(null);
        setState((previous) => (previous.status === 'signedIn' ? { status: 'signedOut', notice: message } : previous));
      }),
    [],
  );

  const signIn = useCallback(
    async (email: string, password: string, code?: string) => {
      const session = await api.post<SessionData>(
        '/api/session',
        { email, password, ...(code === undefined ? {} : { code }) },
        { expectUnauthorized: true },
      );
      await enter(session, true);
    },
    [enter],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete<undefined>('/api/session', { expectUnauthorized: true });
    } catch (error) {
      // 401: the session had already ended, which is what was asked for.
      if (asApiError(error).status !== 401) throw error;
    }
    setCsrfToken(null);
    setState({ status: 'signedOut', signedOutByUser: true });
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const updateUser = useCallback((user: SessionUser) => {
    setState((previous) => (previous.status === 'signedIn' ? { status: 'signedIn', session: { ...previous.session, user } } : previous));
  }, []);

  const participants = useMemo(() => (state.status === 'signedIn' ? participantsOf(state.session) : []), [state]);
  const participant = participants.find((p) => p.code === participantCode) ?? participants[0] ?? null;

  const setParticipant = useCallback((code: string) => {
    setParticipantCode(code);
    storeParticipant(code);
  }, []);

  const signedIn = state.status === 'signedIn';
  const changeLanguage = useCallback(
    async (language: Language) => {
      await switchLanguage(language);
      if (!signedIn) {
        languagePickedWhileSignedOut.current = true;
        return;
      }
      const { user } = await api.patch<{ user: SessionUser }>('/api/account', { language });
      updateUser(user);
    },
    [signedIn, updateUser],
  );

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signIn,
      signOut,
      reload,
      updateUser,
      participants,
      participant,
      setParticipant,
      changeLanguage,
    }),
    [state, signIn, signOut, reload, updateUser, participants, participant, setParticipant, changeLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session context; only valid inside SessionProvider. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The signed-in session and the current Participant (null when the user holds no role anywhere yet). */
export function useSignedInSession(): { session: SessionData; participant: ParticipantRef | null } {
  const { state, participant } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedInSession must be used while signed in');
  return { session: state.session, participant };
}

/** The current Participant, for pages that only open when an ability in it was granted. */
export function useParticipant(): ParticipantRef {
  const { participant } = useSignedInSession();
  if (participant === null) throw new Error('useParticipant must be used where a Participant is chosen');
  return participant;
}

/**
 * What the user may do in the current Participant, from the abilities the server sent: `can` in the
 * Participant as a whole, `canInPlan` within one action plan (a local coordinator's own plan too).
 */
export type Policy = {
  participant: ParticipantRef | null;
  can: (action: Action) => boolean;
  canInPlan: (action: Action, plan: string) => boolean;
};

/** Reads the user's abilities for the current Participant; nothing is allowed while signed out. */
export function usePolicy(): Policy {
  const { state, participant } = useSession();
  return useMemo(() => {
    const granted = new Set<Action>(
      state.status === 'signedIn' && participant !== null ? (state.session.abilities[participant.code] ?? []) : [],
    );
    const inPlans = state.status === 'signedIn' && participant !== null ? (state.session.planAbilities?.[participant.code] ?? {}) : {};
    return {
      participant,
      can: (action: Action) => granted.has(action),
      canInPlan: (action: Action, plan: string) =>
        granted.has(action) || (Object.hasOwn(inPlans, plan) && (inPlans[plan] ?? []).includes(action)),
    };
  }, [state, participant]);
}

/** Tells whether the user may do one action in the current Participant. */
export function useAbility(action: Action): boolean {
  return usePolicy().can(action);
}
