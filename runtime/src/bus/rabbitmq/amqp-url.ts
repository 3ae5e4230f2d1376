/**
 * The broker user an AMQP URL connects as: the URL's username, percent-decoded, or `guest` when
 * it has none (amqplib's default). Publishes carry it as `userId`, which RabbitMQ checks against
 * the authenticated user, so a consumer can trust it as the sender.
 */
export function amqpUsername(url: string): string {
  const { username } = new URL(url);
  return username === '' ? 'guest' : decodeURIComponent(username);
}
