package dev.bellman.cli;

import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters that turn the library's parse errors into usage errors (exit code 2). */
final class Converters {
    private Converters() {}

    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DeviceConverter implements ITypeConverter<DeviceKind> {
        @Override
        public DeviceKind convert(String value) {
            try {
                return DeviceKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
