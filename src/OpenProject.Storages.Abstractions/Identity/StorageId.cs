namespace OpenProject.Storages;

/// <summary>
/// Identifies one configured file storage of the host application (a host may connect several,
/// for example two Nextcloud servers).
/// </summary>
public readonly record struct StorageId
{
    /// <summary>Creates a storage id.</summary>
    /// <param name="value">The host's name for the storage; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public StorageId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The host's name for the storage.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
