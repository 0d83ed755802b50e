using OpenProject.Storages;
using OpenProject.Storages.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers in-memory storages with OpenProject.Storages.</summary>
public static class InMemoryStorageBuilderExtensions
{
    /// <summary>
    /// Registers <paramref name="storage"/> as an <see cref="IFileStorage"/> singleton, so the
    /// <see cref="FileStorageCatalog"/> finds it by its id. Keep the instance to arrange state and inject faults.
    /// </summary>
    /// <param name="builder">The builder from <c>AddOpenProjectStorages</c>.</param>
    /// <param name="storage">The storage.</param>
    /// <returns>The builder, for chaining.</returns>
    public static OpenProjectStoragesBuilder AddInMemoryStorage(this OpenProjectStoragesBuilder builder, InMemoryFileStorage storage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        builder.Services.AddSingleton<IFileStorage>(storage);
        return builder;
    }
}
