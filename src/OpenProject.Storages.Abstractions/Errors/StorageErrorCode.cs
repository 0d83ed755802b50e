namespace OpenProject.Storages;

/// <summary>
/// Why a storage operation failed. An extensible set: the well-known codes are static properties,
/// and a provider may define its own (<c>new StorageErrorCode("GroupDoesNotExist")</c>). Codes
/// compare by value, ordinally.
/// </summary>
public readonly struct StorageErrorCode : IEquatable<StorageErrorCode>
{
    /// <summary>Creates a code.</summary>
    /// <param name="value">The code's name; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public StorageErrorCode(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The code's name.</summary>
    public string Value => field ?? "Unknown";

    /// <summary>The user is not logged in to the storage, or the storage refused their token: they must log in again.</summary>
    public static StorageErrorCode Unauthorized { get; } = new(nameof(Unauthorized));

    /// <summary>The storage refused the user access to this item.</summary>
    public static StorageErrorCode Forbidden { get; } = new(nameof(Forbidden));

    /// <summary>The item (or the folder it should go into) does not exist.</summary>
    public static StorageErrorCode NotFound { get; } = new(nameof(NotFound));

    /// <summary>An item of that name already exists, or the change conflicts with the storage's state.</summary>
    public static StorageErrorCode Conflict { get; } = new(nameof(Conflict));

    /// <summary>The item is locked.</summary>
    public static StorageErrorCode Locked { get; } = new(nameof(Locked));

    /// <summary>The storage (or the user's quota) is full.</summary>
    public static StorageErrorCode InsufficientStorage { get; } = new(nameof(InsufficientStorage));

    /// <summary>The storage could not be reached or answered with a server error or not in time.</summary>
    public static StorageErrorCode Unavailable { get; } = new(nameof(Unavailable));

    /// <summary>The storage answered something that cannot be understood (an HTML page, malformed or truncated data).</summary>
    public static StorageErrorCode InvalidResponse { get; } = new(nameof(InvalidResponse));

    /// <summary>The storage does not support the operation.</summary>
    public static StorageErrorCode NotSupported { get; } = new(nameof(NotSupported));

    /// <summary>The host refused the action: the user lacks the host permission (for example "manage file links").</summary>
    public static StorageErrorCode PermissionMissing { get; } = new(nameof(PermissionMissing));

    /// <summary>The request was invalid for the storage (a bad name, a folder where a file was expected).</summary>
    public static StorageErrorCode InvalidRequest { get; } = new(nameof(InvalidRequest));

    /// <summary>The storage is not configured in the host, or a configured value is wrong.</summary>
    public static StorageErrorCode NotConfigured { get; } = new(nameof(NotConfigured));

    /// <summary>A failure no other code describes.</summary>
    public static StorageErrorCode Unknown { get; } = new(nameof(Unknown));

    /// <inheritdoc/>
    public bool Equals(StorageErrorCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StorageErrorCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Compares two codes by value.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(StorageErrorCode left, StorageErrorCode right) => left.Equals(right);

    /// <summary>Compares two codes by value.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(StorageErrorCode left, StorageErrorCode right) => !left.Equals(right);
}
