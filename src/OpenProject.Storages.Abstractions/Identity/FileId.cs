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
        _value = value;
    }

    /// <summary>The provider's id as text.</summary>
    /// <exception cref="ArgumentException">This is <c>default(FileId)</c>, which has no value.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Only a caller's own default(...) has no value: a caller mistake, wherever it is read.")]
    public string Value => _value ?? throw Internal.DefaultValue.Used(nameof(FileId));

    private readonly string? _value;

    /// <inheritdoc/>
    public override string ToString() => _value ?? string.Empty;
}
