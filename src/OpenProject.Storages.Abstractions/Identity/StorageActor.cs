namespace OpenProject.Storages;

/// <summary>
/// On whose behalf a storage operation runs: a host user (with that user's own storage
/// permissions and token), or the storage's technical user (for work no person does, such as
/// project folder upkeep and health checks).
/// </summary>
public readonly record struct StorageActor
{
    private StorageActor(HostUserId? user) => User = user;

    /// <summary>The storage's technical user (Nextcloud: the <c>OpenProject</c> user with its app password).</summary>
    public static StorageActor TechnicalUser { get; }

    /// <summary>The host user the operation acts for, or <see langword="null"/> for the technical user.</summary>
    public HostUserId? User { get; }

    /// <summary>Whether this is the technical user.</summary>
    public bool IsTechnicalUser => User is null;

    /// <summary>The actor for a host user.</summary>
    /// <param name="user">The host user.</param>
    /// <returns>The actor.</returns>
    public static StorageActor ForUser(HostUserId user) => new(user);

    /// <inheritdoc/>
    public override string ToString() => User is { } user ? $"user {user}" : "technical user";
}
