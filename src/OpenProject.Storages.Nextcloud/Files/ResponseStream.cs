
namespace OpenProject.Storages.Nextcloud.Files;

/// <summary>
/// A download's content stream that also releases the HTTP response when the caller disposes it, and then counts
/// the bytes the caller read (<see cref="StorageTelemetry.TransferredBytesInstrument"/>).
/// </summary>
internal sealed class ResponseStream(Stream inner, HttpResponseMessage response, HttpRequestMessage request, StorageId storage) : Stream
{
    private long _read;
    private int _counted;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => response.Content.Headers.ContentLength ?? throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    // Stream's own CopyToAsync reads through ReadAsync above, so a copied download is counted too.

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            RecordOnce();
            inner.Dispose();
            response.Dispose();
            request.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        RecordOnce();
        await inner.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
        request.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Count(int read)
    {
        _read += read;
        return read;
    }

    private void RecordOnce()
    {
        if (Interlocked.Exchange(ref _counted, 1) == 0)
        {
            StorageTelemetry.RecordTransfer(storage, "download", _read);
        }
    }
}
