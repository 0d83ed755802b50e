namespace OpenProject.Storages.Nextcloud.Internal;

/// <summary>Reads at most a few kilobytes of an error body, so a huge or endless error page costs nothing.</summary>
internal static class LimitedBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<byte[]> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
    }
}
