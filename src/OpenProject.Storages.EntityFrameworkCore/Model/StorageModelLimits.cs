namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// The longest value each key column holds, in characters. The link's unique index spans four of them, so
/// together they must fit one index entry of PostgreSQL's B-tree (about 2,700 bytes) even in 4-byte UTF-8.
/// A longer value is refused with <see cref="ArgumentException"/> before the database is asked.
/// </summary>
public static class StorageModelLimits
{
    /// <summary>A storage id.</summary>
    public const int StorageId = 100;

    /// <summary>A container type, such as <c>WorkPackage</c>.</summary>
    public const int ContainerType = 50;

    /// <summary>A container id.</summary>
    public const int ContainerId = 100;

    /// <summary>A file id in a storage.</summary>
    public const int OriginId = 400;

    /// <summary>A host user id.</summary>
    public const int UserId = 200;

    /// <summary>An OAuth state.</summary>
    public const int State = 200;
}
