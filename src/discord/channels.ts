/** An age-restricted ("NSFW") channel: adult content may be shown and is flagged when posted. */
export function isAgeRestricted(channel: unknown): boolean {
  return (
    typeof channel === 'object' && channel !== null && 'nsfw' in channel && channel.nsfw === true
  );
}
