namespace OpenProject.Storages.Nextcloud.Tests.Live;

[CollectionDefinition(Name)]
public sealed class LiveNextcloudTestGroup : ICollectionFixture<LiveNextcloudFixture>
{
    public const string Name = "Live Nextcloud";
}
