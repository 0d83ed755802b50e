namespace OpenProject.Storages;

/// <summary>The id of a user of the host application (the person acting, not their storage account).</summary>
public readonly record struct HostUserId
{
    /// <summary>Creates a host user id.</summary>
    /// <param name="value">The host's user id; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public HostUserId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The host's user id as text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
