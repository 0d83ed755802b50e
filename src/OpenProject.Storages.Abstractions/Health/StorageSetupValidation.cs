using OpenProject.Storages.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages;

/// <summary>
/// The one call that tells an administrator whether a storage is set up right: finds the storage's
/// <see cref="IStorageSetupValidator"/> (a keyed service under the storage's id, or the storage itself)
/// and runs it.
/// </summary>
public sealed class StorageSetupValidation
{
    private readonly IServiceProvider _services;
    private readonly FileStorageCatalog _catalog;

    /// <summary>Creates the service.</summary>
    /// <param name="services">Where keyed validators are looked up.</param>
    /// <param name="catalog">The configured storages.</param>
    public StorageSetupValidation(IServiceProvider services, FileStorageCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(catalog);
        _services = services;
        _catalog = catalog;
    }

    /// <summary>Whether the storage can validate its setup.</summary>
    /// <param name="storage">The storage id.</param>
    /// <returns><see langword="true"/> when a validator exists for it.</returns>
    public bool CanValidate(StorageId storage) => Find(storage) is not null;

    /// <summary>Validates a storage's setup.</summary>
    /// <param name="storage">The storage id.</param>
    /// <param name="context">The acting administrator and managed project folders; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> when no such storage is configured; <see cref="StorageErrorCode.NotSupported"/> when it cannot validate its setup.</exception>
    public Task<StorageSetupReport> ValidateAsync(StorageId storage, StorageSetupValidationContext? context = null, CancellationToken cancellationToken = default)
    {
        DefaultValue.ThrowIfDefault(storage);
        var validator = Find(storage);
        if (validator is null)
        {
            _ = _catalog.Get(storage);
            throw new StorageException(StorageErrorCode.NotSupported, $"The storage '{storage}' cannot validate its setup.");
        }

        return Telemetry.RunAsync("setup_validation", storage, async () =>
        {
            var report = await validator.ValidateSetupAsync(context ?? new StorageSetupValidationContext(), cancellationToken).ConfigureAwait(false);
            Telemetry.TagCurrent(StorageTelemetry.SetupStatusTag, report.Status.ToString());
            return report;
        }, cancellationToken);
    }

    private IStorageSetupValidator? Find(StorageId storage) =>
        _services.GetKeyedService<IStorageSetupValidator>(storage.Value)
        ?? (_catalog.TryGet(storage, out var fileStorage) ? fileStorage as IStorageSetupValidator : null);
}
