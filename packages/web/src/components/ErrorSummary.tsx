/**
 * Why a form or an action failed, in an alert: the message, and under it the problems that no
 * field on the screen shows next to itself.
 */
export function ErrorSummary({ message, problems = [] }: { message: string; problems?: readonly string[] }) {
  return (
    <div role="alert" className="notice notice-error">
      <p>{message}</p>
      {problems.length > 0 ? (
        <ul>
          {problems.map((problem, index) => (
            <li key={`${index}:${problem}`}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
