namespace OpenProject.Storages;

/// <summary>
/// An upload succeeded but linking the stored file failed. Nothing is lost: the file is in the
/// storage, <see cref="StoredFile"/> says where, and linking it alone can be retried.
/// </summary>
public sealed class FileStoredButNotLinkedException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="storedFile">The file that was stored.</param>
    /// <param name="innerException">Why linking failed.</param>
    public FileStoredButNotLinkedException(StorageItem storedFile, Exception innerException)
        : base(
            (innerException as StorageException)?.Code ?? StorageErrorCode.Unknown,
            $"The file '{storedFile?.Name}' was stored with id {storedFile?.Id} but could not be linked: {innerException?.Message} Link the stored file again; uploading it again is not needed.",
            (innerException as StorageException)?.HttpStatus,
            innerException: innerException)
    {
        ArgumentNullException.ThrowIfNull(storedFile);
        ArgumentNullException.ThrowIfNull(innerException);
        StoredFile = storedFile;
    }

    /// <summary>The file that is in the storage.</summary>
    public StorageItem StoredFile { get; }
}
