import { useEffect, useState } from 'preact/hooks';
import type { ReplyAnswered } from '../../../src/contracts/replies.js';
import { Link } from '../shared/router.js';
import type { ConsoleSocket } from './console-socket.js';

/**
 * Tells the advisor when a citizen answers one of their replies (`reply:answered` on the console connection):
 * a GOV.UK notification banner, announced politely, linking to each enquiry; dismissed by the advisor.
 */
export function ReplyAnswers({ socket, enquiryHref }: { socket?: ConsoleSocket; enquiryHref: (id: string) => string }) {
  const [answers, setAnswers] = useState<ReplyAnswered[]>([]);
  useEffect(() => {
    if (!socket) return;
    const heard = (answer: ReplyAnswered) =>
      setAnswers((seen) => [answer, ...seen.filter((entry) => entry.enquiryId !== answer.enquiryId)].slice(0, 5));
    socket.on('reply:answered', heard);
    return () => void socket.off('reply:answered', heard);
  }, [socket]);
  return (
    <div aria-live="polite">
      {answers.length > 0 && (
        <div class="govuk-notification-banner" role="region" aria-labelledby="reply-answers-title" id="reply-answers">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="reply-answers-title">
              Citizens answered your replies
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <ul class="govuk-list">
              {answers.map((answer) => (
                <li key={answer.enquiryId}>
                  <Link class="govuk-notification-banner__link" href={enquiryHref(answer.enquiryId)}>
                    Enquiry {answer.reference}
                  </Link>{' '}
                  answered by {answer.channel === 'sms' ? 'text' : 'e-mail'}
                  {answer.reopened ? ': reopened' : ''}
                </li>
              ))}
            </ul>
            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setAnswers([])}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
