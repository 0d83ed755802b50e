namespace OpenProject.Storages;

/// <summary>
/// A one-time URL a browser can send one file to, straight into a folder of the storage, and how to send it
/// (<see cref="Protocol"/>). The URL carries a credential of its own: never log it.
/// </summary>
public sealed record UploadLink
{
    /// <summary>Where the browser sends the file.</summary>
    public required Uri Url { get; init; }

    /// <summary>The HTTP method of every request: <c>POST</c> for <see cref="UploadProtocol.MultipartForm"/>, <c>PUT</c> for <see cref="UploadProtocol.ByteRanges"/>.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>When the link stops working.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How the browser sends the file.</summary>
    public UploadProtocol Protocol { get; init; } = UploadProtocol.MultipartForm;

    /// <summary>
    /// The name the file is stored under, as asked. Under <see cref="NameConflictPolicy.KeepBoth"/> the storage may have
    /// picked a numbered name already, or numbers it when the upload arrives; the stored file's answer says which.
    /// </summary>
    public required string FileName { get; init; }

    /// <summary>The multipart part that carries the file (<see cref="UploadProtocol.MultipartForm"/> only).</summary>
    public string? FileField { get; init; }

    /// <summary>The other form fields to send with the file (<see cref="UploadProtocol.MultipartForm"/> only), such as how to treat a taken name.</summary>
    public IReadOnlyDictionary<string, string> FormFields { get; init; } = EmptyFields;

    /// <summary>Every range but the last is a multiple of this many bytes (<see cref="UploadProtocol.ByteRanges"/> only).</summary>
    public int? RangeUnit { get; init; }

    /// <summary>The largest range one request may carry (<see cref="UploadProtocol.ByteRanges"/> only).</summary>
    public int? MaxRangeSize { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>();

    /// <summary>The link without its one-time path and query, which must not be logged.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"{Method} {Url.GetLeftPart(UriPartial.Authority)}/… ({Protocol}, expires {ExpiresAt:O})";
}
