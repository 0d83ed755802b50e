namespace OpenProject.Storages;

/// <summary>A one-time URL a browser can send a file to, straight into a folder of the storage.</summary>
public sealed record UploadLink
{
    /// <summary>Where the browser sends the file (a multipart form post).</summary>
    public required Uri Url { get; init; }

    /// <summary>The HTTP method to use, normally <c>POST</c>.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>When the link stops working.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The link without its one-time token, which must not be logged.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"{Method} {Url.GetLeftPart(UriPartial.Authority)}/… (expires {ExpiresAt:O})";
}
