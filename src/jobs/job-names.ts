/** Every job of the queue. Start-up fails if a worker instance has no handler for one of them. */
export const JOB_NAMES = {
  deliverEscalation: 'escalation-deliver',
  deliverRecipientNotice: 'recipient-notice-deliver',
  sweepRetention: 'retention-sweep',
  pollOpen311: 'open311-poll',
  sendCitizenMessage: 'citizen-message-send',
  sendReply: 'reply-send',
  eraseRecordings: 'recordings-erase',
  routeWork: 'work-route',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];
