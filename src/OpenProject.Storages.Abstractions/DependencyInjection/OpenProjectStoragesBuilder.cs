namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <see cref="OpenProjectStoragesServiceCollectionExtensions.AddOpenProjectStorages"/>; providers add their storages through it.</summary>
public sealed class OpenProjectStoragesBuilder
{
    internal OpenProjectStoragesBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }
}
