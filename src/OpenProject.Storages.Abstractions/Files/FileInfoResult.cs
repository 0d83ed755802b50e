namespace OpenProject.Storages;

/// <summary>
/// What the storage said about one file id within a bulk request. A file the user may not see is
/// a value here, not an exception: one forbidden file among 200 does not fail the others.
/// </summary>
public sealed record FileInfoResult
{
    /// <summary>The id that was asked for.</summary>
    public required FileId Id { get; init; }

    /// <summary>The outcome.</summary>
    public required FileInfoStatus Status { get; init; }

    /// <summary>The file, when <see cref="Status"/> is <see cref="FileInfoStatus.Found"/>.</summary>
    public StorageItem? Item { get; init; }

    /// <summary>The error, when <see cref="Status"/> is <see cref="FileInfoStatus.Error"/>.</summary>
    public StorageException? Error { get; init; }

    /// <summary>A found file.</summary>
    /// <param name="item">The file.</param>
    /// <returns>The result.</returns>
    public static FileInfoResult Found(StorageItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new() { Id = item.Id, Status = FileInfoStatus.Found, Item = item };
    }

    /// <summary>A file the user may not see.</summary>
    /// <param name="id">The file id.</param>
    /// <returns>The result.</returns>
    public static FileInfoResult Forbidden(FileId id) => new() { Id = id, Status = FileInfoStatus.Forbidden };

    /// <summary>A file that does not exist.</summary>
    /// <param name="id">The file id.</param>
    /// <returns>The result.</returns>
    public static FileInfoResult NotFound(FileId id) => new() { Id = id, Status = FileInfoStatus.NotFound };

    /// <summary>A file the storage could not answer for.</summary>
    /// <param name="id">The file id.</param>
    /// <param name="error">Why.</param>
    /// <returns>The result.</returns>
    public static FileInfoResult Failed(FileId id, StorageException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new() { Id = id, Status = FileInfoStatus.Error, Error = error };
    }
}
