/** Which chat, in which organisation: what the citizen's and advisor's sockets carry once a chat is theirs. */
export interface ChatRef {
  chatId: string;
  organisationId: string;
}
