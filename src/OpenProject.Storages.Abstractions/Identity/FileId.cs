namespace OpenProject.Storages;

/// <summary>
/// The storage's own stable id of a file or folder (Nextcloud's <c>fileid</c>). It survives renames
/// and moves, which is why links keep it instead of a path.
/// </summary>
public readonly record struct FileId
{
    /// <summary>Creates a file id.</summary>
    /// <param name="value">The provider's id; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public FileId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The provider's id as text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
