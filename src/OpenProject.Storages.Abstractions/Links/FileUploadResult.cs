namespace OpenProject.Storages;

/// <summary>
/// The outcome of one file of a multi-file upload. Exactly one of <see cref="Link"/> and
/// <see cref="Error"/> is set; when the file was stored but not linked, <see cref="Error"/> is a
/// <see cref="FileStoredButNotLinkedException"/> that names where the stored file is.
/// </summary>
public sealed record FileUploadResult
{
    /// <summary>The file name that was asked for.</summary>
    public required string FileName { get; init; }

    /// <summary>The new link, when upload and link both worked.</summary>
    public FileLink? Link { get; init; }

    /// <summary>Why this file failed.</summary>
    public StorageException? Error { get; init; }

    /// <summary>Whether the file was uploaded and linked.</summary>
    public bool Succeeded => Link is not null;
}
