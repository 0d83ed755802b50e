namespace OpenProject.Storages;

/// <summary>
/// A file was stored but no link was made. Nothing is lost: the file is in the storage at
/// <see cref="StoredPath"/>. Either linking failed (then <see cref="StoredFile"/> has its id and linking
/// alone can be retried), or the storage stored the file but did not say which file it is (its answer
/// afterwards failed, named another file or had no id: <see cref="StoredFile"/> is <see langword="null"/>,
/// and the user finds the file at <see cref="StoredPath"/> to link or remove it).
/// </summary>
public sealed class FileStoredButNotLinkedException : StorageException
{
    /// <summary>Creates the exception for a stored file that could not be linked.</summary>
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
        StoredPath = storedFile.Location;
    }

    /// <summary>Creates the exception for a file that was stored but whose id the storage did not report.</summary>
    /// <param name="storedPath">Where the file was stored.</param>
    /// <param name="innerException">Why the stored file could not be identified (its code becomes this exception's code).</param>
    public FileStoredButNotLinkedException(StoragePath storedPath, StorageException innerException)
        : base(
            innerException?.Code ?? StorageErrorCode.Unknown,
            $"The file was stored at '{storedPath}', but the storage did not say which file it is, so it was not linked: {innerException?.Message} Find the file at '{storedPath}' to link or remove it.",
            innerException?.HttpStatus,
            innerException: innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        StoredPath = storedPath;
    }

    /// <summary>The file that is in the storage, with its id; <see langword="null"/> when the storage did not identify it.</summary>
    public StorageItem? StoredFile { get; }

    /// <summary>Where the file is in the storage.</summary>
    public StoragePath StoredPath { get; }
}
