package io.symbolon.cli.volume;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** A size as operators write it: bytes, or a number with K, M or G (binary: K = 1024), e.g. {@code 32K}, {@code 1.44M}. */
final class VolumeSize implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})(?:\\.([0-9]{1,3}))?\\s*([kmg]i?b?|b)?");

    @Override
    public Long convert(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "'" + text + "' is not a size; give bytes or a number with K, M or G, e.g. 64M");
        }
        String unit = matcher.group(3) == null ? "b" : matcher.group(3);
        long multiplier = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        double value = Double.parseDouble(matcher.group(1) + (matcher.group(2) == null ? "" : "." + matcher.group(2)));
        return (long) Math.floor(value * multiplier);
    }
}
