namespace OpenProject.Storages.WorkPackages;

/// <summary>A work package being created: what the user filled in so far.</summary>
public sealed record WorkPackageDraft
{
    /// <summary>The project it is created in.</summary>
    public required long ProjectId { get; init; }

    /// <summary>The subject; required to create.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The description as Markdown.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The chosen type; <see langword="null"/> for the project's default.</summary>
    public long? TypeId { get; init; }

    /// <summary>The chosen status; <see langword="null"/> for the default.</summary>
    public long? StatusId { get; init; }

    /// <summary>The chosen assignee; <see langword="null"/> for none.</summary>
    public HostUserId? AssigneeId { get; init; }
}
