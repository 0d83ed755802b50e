namespace OpenProject.Storages;

/// <summary>How a browser sends a file to an <see cref="UploadLink"/>; each storage speaks one.</summary>
public enum UploadProtocol
{
    /// <summary>
    /// One request of <c>multipart/form-data</c> with the file in the part <see cref="UploadLink.FileField"/> named
    /// <see cref="UploadLink.FileName"/>, plus every pair of <see cref="UploadLink.FormFields"/> (Nextcloud's direct upload).
    /// </summary>
    MultipartForm,

    /// <summary>
    /// The raw bytes in consecutive ranges, each a request with <c>Content-Range: bytes first-last/total</c>; every range
    /// but the last is a multiple of <see cref="UploadLink.RangeUnit"/> bytes and none is larger than
    /// <see cref="UploadLink.MaxRangeSize"/>. The storage answers 202 until the last range, then 200 or 201 with the stored
    /// file (Microsoft Graph's upload session). The name was fixed when the link was made.
    /// </summary>
    ByteRanges,
}
