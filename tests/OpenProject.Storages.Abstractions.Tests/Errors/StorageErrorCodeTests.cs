namespace OpenProject.Storages.Abstractions.Tests.Errors;

public sealed class StorageErrorCodeTests
{
    [Fact]
    public void Codes_compare_by_value_so_providers_can_extend_the_set()
    {
        Assert.Equal(StorageErrorCode.NotFound, new StorageErrorCode("NotFound"));
        Assert.NotEqual(StorageErrorCode.NotFound, new StorageErrorCode("GroupDoesNotExist"));
        Assert.True(new StorageErrorCode("GroupDoesNotExist") == new StorageErrorCode("GroupDoesNotExist"));
    }

    [Fact]
    public void The_default_code_is_unknown() => Assert.Equal(StorageErrorCode.Unknown, default);

    [Fact]
    public void Tokens_never_show_in_ToString()
    {
        var token = new StorageToken { AccessToken = "secret-access", RefreshToken = "secret-refresh", ExpiresAt = DateTimeOffset.UnixEpoch, StorageUserId = "alice" };
        var access = new StorageAccessToken { Value = "secret-access", StorageUserId = "alice", ExpiresAt = DateTimeOffset.UnixEpoch };

        Assert.DoesNotContain("secret", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", access.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", new StoredStorageToken { Token = token, Version = 1 }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_upload_link_hides_its_one_time_token()
    {
        var form = new UploadLink { Url = new Uri("https://cloud.example/index.php/apps/integration_openproject/direct-upload/SECRET"), ExpiresAt = DateTimeOffset.UnixEpoch, FileName = "a.txt" };
        var ranges = new UploadLink { Url = new Uri("https://tenant.sharepoint.com/_api/v2.0/uploadSession?guid=1&tempauth=SECRET"), Method = "PUT", Protocol = UploadProtocol.ByteRanges, ExpiresAt = DateTimeOffset.UnixEpoch, FileName = "a.txt" };

        Assert.DoesNotContain("SECRET", form.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", ranges.ToString(), StringComparison.Ordinal);
        Assert.Equal("PUT https://tenant.sharepoint.com/… (ByteRanges, expires 1970-01-01T00:00:00.0000000+00:00)", ranges.ToString());
    }
}
