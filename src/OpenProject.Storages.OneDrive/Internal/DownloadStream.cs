namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>
/// A download's body read as it goes. Each read must make progress within the idle timeout (a stalled download
/// fails as <see cref="StorageErrorCode.Unavailable"/> instead of hanging); disposing it releases the response and
/// records the bytes the caller read (<see cref="StorageTelemetry.RecordTransfer"/>).
/// </summary>
internal sealed class DownloadStream(Stream inner, HttpResponseMessage response, HttpRequestMessage request, TimeSpan idleTimeout, string operation, StorageId storage) : Stream
{
    private long _read;
    private int _recorded;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => response.Content.Headers.ContentLength ?? throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        try
        {
            var read = await inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
            _read += read;
            return read;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"OneDrive stopped sending data while trying to {operation} (no progress for {idleTimeout.TotalSeconds:0} s).", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"The connection to OneDrive broke while trying to {operation}.", innerException: exception);
        }
        catch (IOException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"The connection to OneDrive broke while trying to {operation}.", innerException: exception);
        }
    }

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

    private void RecordOnce()
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            StorageTelemetry.RecordTransfer(storage, "download", _read);
        }
    }
}
