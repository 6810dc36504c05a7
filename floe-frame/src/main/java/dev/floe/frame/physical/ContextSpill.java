package dev.floe.frame.physical;

import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.SpillStore;
import java.util.NoSuchElementException;

/** A query's memory reservation and spill files for one operator, as the kernels take them. */
final class ContextSpill implements SpillStore {
    private final MemoryReservation reservation;
    private final SpillSpace space;
    private final QueryProgress progress;

    ContextSpill(ExecutionContext context, String operator) {
        this.reservation = context.reservation(operator);
        this.space = context.spill();
        this.progress = context.progress();
    }

    @Override
    public long limit() {
        return reservation.limit();
    }

    @Override
    public void repartitioned() {
        progress.repartitioned();
    }

    @Override
    public RuntimeException tooLarge(String kind, String piece, long bytes) {
        return reservation.tooLarge(kind, piece, bytes);
    }

    @Override
    public boolean tryReserve(long bytes) {
        return reservation.tryGrow(bytes);
    }

    @Override
    public void release(long bytes) {
        reservation.shrink(bytes);
    }

    @Override
    public Run newRun(String what) {
        SpillFile file = space.newFile(what);
        return new Run() {
            @Override
            public void write(Batch batch) {
                file.write(batch);
            }

            @Override
            public void finishWriting() {
                file.finishWriting();
            }

            @Override
            public void delete() {
                file.delete();
            }

            @Override
            public long readingBytes() {
                return file.readingBytes();
            }

            @Override
            public Reader read() {
                BatchReader reader = file.read();
                return new Reader() {
                    private Batch next = reader.next();

                    @Override
                    public boolean hasNext() {
                        if (next == null) {
                            reader.close();
                        }
                        return next != null;
                    }

                    @Override
                    public Batch next() {
                        if (next == null) {
                            throw new NoSuchElementException();
                        }
                        Batch current = next;
                        next = reader.next();
                        return current;
                    }

                    @Override
                    public void close() {
                        reader.close();
                    }
                };
            }
        };
    }
}
