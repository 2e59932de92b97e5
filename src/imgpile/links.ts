/** The imgpile site's own links (the API document: "Your post is now live at /p/<slug>"). */
export type ImgpileLinks = ReturnType<typeof imgpileLinks>;

export function imgpileLinks(apiUrl: string) {
  const origin = new URL(apiUrl).origin;
  return {
    /** `https://imgpile.com` */
    origin,
    /** A post's page; with its access key for a private post. */
    post: (slug: string, accessKey?: string | null) =>
      `${origin}/p/${slug}${accessKey ? `?key=${accessKey}` : ''}`,
  };
}
