import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { RequireAbility } from './components/RequireAbility.tsx';
import { Shell } from './components/Shell.tsx';
import { SignedOutFrame } from './components/SignedOutFrame.tsx';
import { ErrorMessage, Loading } from './components/Status.tsx';
import { useLanguage } from './i18n.ts';
import { AccountPage } from './pages/AccountPage.tsx';
import { ActionPlanPage } from './pages/ActionPlanPage.tsx';
import { ActivityResultsPage } from './pages/ActivityResultsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { DocumentsPage } from './pages/DocumentsPage.tsx';
import { ElementPage } from './pages/ElementPage.tsx';
import { ExcelImportPage } from './pages/ExcelImportPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { ImportPlanPage } from './pages/ImportPlanPage.tsx';
import { IndicatorPage } from './pages/IndicatorPage.tsx';
import { InstitutionsPage } from './pages/InstitutionsPage.tsx';
import { MonitoringSettingsPage } from './pages/MonitoringSettingsPage.tsx';
import { PublicationsPage } from './pages/PublicationsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { PlansPage } from './pages/PlansPage.tsx';
import { RecommendationsPage } from './pages/RecommendationsPage.tsx';
import { EvaluationsPage } from './pages/EvaluationsPage.tsx';
import { EvaluationPage } from './pages/EvaluationPage.tsx';
import { ConsultationsPage } from './pages/ConsultationsPage.tsx';
import { ConsultationPage } from './pages/ConsultationPage.tsx';
import { OperationalPlanPage } from './pages/OperationalPlanPage.tsx';
import { OperationalPlansPage } from './pages/OperationalPlansPage.tsx';
import { LocalPlanPage, LocalPlansPage } from './pages/LocalPlansPage.tsx';
import { RegionalPage } from './pages/RegionalPage.tsx';
import { ReportPage } from './pages/ReportFormPage.tsx';
import { RoundBoardPage } from './pages/RoundBoardPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { StrategyPage } from './pages/StrategyPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { SessionProvider, useSession } from './session.tsx';

type ReturnState = { from?: string } | null;

function readReturnPath(state: unknown): string {
  const from = (state as ReturnState)?.from;
  // Only paths inside the application: never a full address that could lead elsewhere.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/signin' ? from : '/';
}

/** Keeps signed-out visitors on the sign-in page, remembering where they were going. */
function RequireSignIn() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== 'signedIn') {
    // After signing out on purpose the next person starts at the home page, not at the page the
    // previous one had open (which they may not be allowed to see).
    const signedOutByUser = state.status === 'signedOut' && state.signedOutByUser === true;
    return <Navigate to="/signin" replace state={signedOutByUser ? null : { from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}

function SignInRoute() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'signedIn') return <Navigate to={readReturnPath(location.state)} replace />;
  return <SignInPage notice={state.status === 'signedOut' ? state.notice : undefined} />;
}

function Unavailable({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useLanguage();
  return (
    <SignedOutFrame languageSwitcherId="unavailable-language" title={t('app.unavailable.title')}>
      <ErrorMessage message={message} onRetry={onRetry} />
    </SignedOutFrame>
  );
}

function AppRoutes() {
  const { state, reload } = useSession();
  if (state.status === 'loading') {
    return (
      <main id="main" className="signin-main">
        <Loading />
      </main>
    );
  }
  if (state.status === 'unavailable') return <Unavailable message={state.message} onRetry={reload} />;
  return (
    <Routes>
      <Route path="/signin" element={<SignInRoute />} />
      <Route element={<RequireSignIn />}>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route
            path="plans"
            element={
              <RequireAbility action="plan.view">
                <PlansPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/import"
            element={
              <RequireAbility action="plan.edit">
                <ImportPlanPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId"
            element={
              <RequireAbility action="plan.view">
                <ActionPlanPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId/import-excel"
            element={
              <RequireAbility action="plan.edit">
                <ExcelImportPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId/elements/:code"
            element={
              <RequireAbility action="plan.view">
                <ElementPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId/indicators/:code"
            element={
              <RequireAbility action="progress.view">
                <IndicatorPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId/activities/:code"
            element={
              <RequireAbility action="progress.view">
                <ActivityResultsPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId/rounds/:roundId"
            element={
              <RequireAbility action="report.view_all">
                <RoundBoardPage />
              </RequireAbility>
            }
          />
          <Route path="plans/:planId/rounds/:roundId/reports/:institution" element={<ReportPage />} />
          <Route
            path="plans/:planId/operational"
            element={
              <RequireAbility action="plan.view">
                <OperationalPlansPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId/operational/:year"
            element={
              <RequireAbility action="plan.view">
                <OperationalPlanPage />
              </RequireAbility>
            }
          />
          <Route
            path="plans/:planId/documents"
            element={
              <RequireAbility action="plan.view">
                <DocumentsPage />
              </RequireAbility>
            }
          />
          <Route
            path="monitoring-settings"
            element={
              <RequireAbility action="round.manage">
                <MonitoringSettingsPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/consultations"
            element={
              <RequireAbility action="plan.view">
                <ConsultationsPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/consultations/:consultationId"
            element={
              <RequireAbility action="plan.view">
                <ConsultationPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/elements/:code"
            element={
              <RequireAbility action="plan.view">
                <ElementPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId"
            element={
              <RequireAbility action="plan.view">
                <StrategyPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/recommendations"
            element={
              <RequireAbility action="plan.view">
                <RecommendationsPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/evaluations"
            element={
              <RequireAbility action="plan.view">
                <EvaluationsPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/evaluations/:evaluationId"
            element={
              <RequireAbility action="plan.view">
                <EvaluationPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/local-plans"
            element={
              <RequireAbility action="progress.view">
                <LocalPlansPage />
              </RequireAbility>
            }
          />
          <Route
            path="strategies/:strategyId/local-plans/:planId"
            element={
              <RequireAbility action="plan.view">
                <LocalPlanPage />
              </RequireAbility>
            }
          />
          <Route
            path="institutions"
            element={
              <RequireAbility action="institution.view">
                <InstitutionsPage />
              </RequireAbility>
            }
          />
          <Route
            path="users"
            element={
              <RequireAbility action="user.view">
                <UsersPage />
              </RequireAbility>
            }
          />
          <Route
            path="audit"
            element={
              <RequireAbility action="audit.view">
                <AuditPage />
              </RequireAbility>
            }
          />
          <Route
            path="publications"
            element={
              <RequireAbility action="publication.manage">
                <PublicationsPage />
              </RequireAbility>
            }
          />
          <Route path="regional" element={<RegionalPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

/** The whole application below the router: the session, the sign-in page and the signed-in pages. */
export function App() {
  return (
    <SessionProvider>
      <AppRoutes />
    </SessionProvider>
  );
}
