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
        _value = value;
    }

    /// <summary>The host's name for the storage.</summary>
    /// <exception cref="ArgumentException">This is <c>default(StorageId)</c>, which has no value.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Only a caller's own default(...) has no value: a caller mistake, wherever it is read.")]
    public string Value => _value ?? throw Internal.DefaultValue.Used(nameof(StorageId));

    private readonly string? _value;

    /// <inheritdoc/>
    public override string ToString() => _value ?? string.Empty;
}
