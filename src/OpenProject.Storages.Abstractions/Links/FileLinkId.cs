namespace OpenProject.Storages;

/// <summary>The id the link repository gave a file link.</summary>
public readonly record struct FileLinkId
{
    /// <summary>Creates a file link id.</summary>
    /// <param name="value">The repository's id; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public FileLinkId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The repository's id as text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
