namespace OpenProject.Storages.WorkPackages;

/// <summary>A host user as the storage's integration shows them (assignees, authors, the connected user).</summary>
public sealed record HostUser
{
    /// <summary>The host's user id.</summary>
    public required HostUserId Id { get; init; }

    /// <summary>The first name; Nextcloud shows "first last" as the connected account's name.</summary>
    public required string FirstName { get; init; }

    /// <summary>The last name.</summary>
    public required string LastName { get; init; }

    /// <summary>The login name, if the host has one.</summary>
    public string? Login { get; init; }

    /// <summary>The display name: first and last name.</summary>
    public string Name => $"{FirstName} {LastName}".Trim();
}
