namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>Every kind of store the contract tests run against.</summary>
public static class StoreKinds
{
    public static TheoryData<string> All => ["in-memory", "sqlite", "postgres"];

    public static TheoryData<string> Databases => ["sqlite", "postgres"];
}
