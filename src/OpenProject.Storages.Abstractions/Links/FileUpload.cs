namespace OpenProject.Storages;

/// <summary>A file to upload: its name and content.</summary>
public sealed record FileUpload
{
    /// <summary>The file name in the target folder.</summary>
    public required string FileName { get; init; }

    /// <summary>The content, read once; the caller owns and disposes it.</summary>
    public required Stream Content { get; init; }
}
