namespace OpenProject.Storages.Nextcloud.Tests.Fixtures;

/// <summary>
/// A body that arrives in pieces, as from a network: each asynchronous read hands out at most the next
/// piece size; a synchronous read fails (it would block on a network body). Optionally every read completes
/// asynchronously, and the stream can stall at its end (as a server that stops sending) until the read is cancelled.
/// </summary>
internal sealed class PieceStream(byte[] bytes, Func<int> nextPieceSize, bool yieldEachRead = false, bool stallAtEnd = false) : Stream
{
    private int _position;

    /// <summary>Completed when a read finds no more bytes and the stream stalls.</summary>
    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Pieces of a fixed size.</summary>
    public static PieceStream OfSize(byte[] bytes, int pieceSize) => new(bytes, () => pieceSize);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (yieldEachRead)
        {
            await Task.Yield();
        }

        if (_position == bytes.Length && stallAtEnd)
        {
            Stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var count = Math.Min(Math.Min(nextPieceSize(), buffer.Length), bytes.Length - _position);
        bytes.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("The body was read synchronously.");

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
