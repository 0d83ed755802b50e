using Microsoft.Extensions.Compliance.Classification;

namespace OpenProject.Storages;

/// <summary>
/// The kinds of personal data the packages write to logs, as <see cref="DataClassification"/>s of one taxonomy, so a
/// host can redact them with Microsoft.Extensions.Compliance: <c>services.AddRedaction(r =&gt;
/// r.SetRedactor&lt;ErasingRedactor&gt;(new DataClassificationSet(StorageDataClassification.HostUserId)))</c> and
/// <c>logging.EnableRedaction()</c>. Without redaction configured, the values are logged as they are.
/// </summary>
public static class StorageDataClassification
{
    /// <summary>The taxonomy's name.</summary>
    public const string TaxonomyName = "OpenProject.Storages";

    /// <summary>A user of the host application (<see cref="OpenProject.Storages.HostUserId"/>).</summary>
    public static DataClassification HostUserId { get; } = new(TaxonomyName, nameof(HostUserId));

    /// <summary>A user of the storage, such as a Nextcloud user id.</summary>
    public static DataClassification StorageUserId { get; } = new(TaxonomyName, nameof(StorageUserId));
}

/// <summary>Marks a logged value as <see cref="StorageDataClassification.HostUserId"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class HostUserIdDataAttribute : DataClassificationAttribute
{
    /// <summary>Creates the attribute.</summary>
    public HostUserIdDataAttribute()
        : base(StorageDataClassification.HostUserId)
    {
    }
}

/// <summary>Marks a logged value as <see cref="StorageDataClassification.StorageUserId"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class StorageUserIdDataAttribute : DataClassificationAttribute
{
    /// <summary>Creates the attribute.</summary>
    public StorageUserIdDataAttribute()
        : base(StorageDataClassification.StorageUserId)
    {
    }
}
