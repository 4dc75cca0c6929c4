import { useLanguage } from '../i18n.ts';
import { useSession } from '../session.tsx';

/** Shows the current Participant; a select to change it when the user holds roles in more than one. */
export function ParticipantSwitcher() {
  const { participants, participant, setParticipant } = useSession();
  const { t } = useLanguage();
  if (participant === null) return null;
  if (participants.length < 2) {
    return <span className="participant-name">{participant.name}</span>;
  }
  return (
    <div className="participant-switcher">
      <label htmlFor="participant-switcher" className="visually-hidden">
        {t('app.shell.participant')}
      </label>
      <select id="participant-switcher" value={participant.code} onChange={(event) => setParticipant(event.target.value)}>
        {participants.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
