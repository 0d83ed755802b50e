namespace OpenProject.Storages.WorkPackages;

/// <summary>A user's avatar image.</summary>
public sealed record UserAvatar
{
    /// <summary>The image bytes (PNG or JPEG; Nextcloud decodes them with GD).</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The media type without parameters, exactly what the bytes are, such as <c>image/png</c>.</summary>
    public required string MediaType { get; init; }
}
