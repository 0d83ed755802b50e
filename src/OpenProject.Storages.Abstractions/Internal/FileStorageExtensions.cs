namespace OpenProject.Storages.Internal;

internal static class FileStorageExtensions
{
    /// <summary>The storage's optional capability, or a <see cref="StorageErrorCode.NotSupported"/> error naming it.</summary>
    public static TCapability Require<TCapability>(this IFileStorage storage)
        where TCapability : class =>
        storage as TCapability
            ?? throw new StorageException(StorageErrorCode.NotSupported, $"The storage '{storage.Id}' ({storage.ProductName}) does not support {typeof(TCapability).Name}.");
}
