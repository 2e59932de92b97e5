/** The bare, lower-case media type of a Content-Type value (`image/PNG; x=y` -> `image/png`). */
export function mediaTypeOf(contentType: string | null | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}

/** imgpile takes images and videos only. */
export function isImageOrVideo(type: string): boolean {
  return type.startsWith('image/') || type.startsWith('video/');
}

const MEDIA_NAME = /\.(png|jpe?g|gif|webp|avif|heic|bmp|tiff?|mp4|mov|webm|mkv|avi|m4v)$/i;

/** Image or video, by declared type or, when none was declared, by name. */
export function looksLikeMedia(file: { contentType?: string | null; name: string }): boolean {
  const type = mediaTypeOf(file.contentType);
  return type ? isImageOrVideo(type) : MEDIA_NAME.test(file.name);
}
