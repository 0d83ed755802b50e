namespace OpenProject.Storages.WorkPackages;

/// <summary>An unread in-app notification about a work package.</summary>
public sealed record HostNotification
{
    /// <summary>The notification id.</summary>
    public required long Id { get; init; }

    /// <summary>The work package it is about.</summary>
    public required long WorkPackageId { get; init; }

    /// <summary>The work package's subject.</summary>
    public required string WorkPackageSubject { get; init; }

    /// <summary>The work package's project.</summary>
    public required HostProject Project { get; init; }

    /// <summary>Who caused it; <see langword="null"/> for the system.</summary>
    public HostUser? Actor { get; init; }

    /// <summary>Why the user is notified, as OpenProject names it: <c>mentioned</c>, <c>assigned</c>, <c>watched</c>, <c>responsible</c>, <c>commented</c>, …</summary>
    public required string Reason { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
