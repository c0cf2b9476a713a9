package io.huitong.web.pages.wallet;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeReader;
import io.huitong.kernel.ApiException;
import io.huitong.web.consumers.QrImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The wallet's pictures, drawn and read on the server with ZXing: a payment code as a QR code and as a CODE 128
 * barcode (PNG, put in the page as {@code data:} URIs), and the merchant's QR code in a photo or screenshot the payer
 * uploads.
 */
final class WalletImages {

    /** A picture larger than this many pixels is not read (a decompression bomb is small on the wire). */
    private static final long MAX_PIXELS = 50_000_000L;
    /** A larger picture is read at a lower resolution, every n-th pixel of every n-th row, to about this many pixels. */
    private static final long DECODED_PIXELS = 4_000_000L;
    /** The longer sides, in pixels, a picture whose code was not read at its own size is read at next. */
    private static final int[] SMALLER_SIDES = {600, 400};
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private WalletImages() {
    }

    /** A QR code of the text, as a {@code data:} URI (the platform's QR images, {@link QrImages}). */
    static String qrDataUri(String text) {
        return dataUri(QrImages.png(text));
    }

    /** The digits as a CODE 128 barcode, as a {@code data:} URI. */
    static String barcodeDataUri(String digits) {
        try {
            return dataUri(QrImages.png(new Code128Writer().encode(digits, BarcodeFormat.CODE_128, 480, 120, Map.of(EncodeHintType.MARGIN, 16))));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the text cannot be drawn as a CODE 128 barcode", e);
        }
    }

    /**
     * The text of the QR code in the picture; empty when the picture holds none that can be read. A file that is no
     * picture ImageIO reads (PNG, JPEG, GIF, BMP) is a 400 on {@code qr_image}.
     */
    static Optional<String> readQr(byte[] picture) {
        BufferedImage image;
        try {
            image = readImage(picture);
        } catch (IOException | RuntimeException e) {
            image = null;
        }
        if (image == null) {
            throw ApiException.invalid("qr_image", "qr_image must be a PNG, JPEG or GIF picture");
        }
        return readQr(image);
    }

    /**
     * ZXing's reader misses a few pictures of perfectly sharp codes (about 1 in 300 of the codes a merchant shows, in
     * pictures of 300 to 1,400 pixels): it finds the code and then misreads its grid. So the picture is read in more
     * than one way, cheapest first, and at smaller sizes too: with the local and then the global threshold, then with
     * the reader that looks for several codes, each at the picture's size and then at 600 and 400 pixels.
     */
    private static Optional<String> readQr(BufferedImage image) {
        for (BufferedImage attempt : sizes(image)) {
            int width = attempt.getWidth();
            int height = attempt.getHeight();
            LuminanceSource source = new RGBLuminanceSource(width, height, attempt.getRGB(0, 0, width, height, null, 0, width));
            for (Binarizer binarizer : new Binarizer[] {new HybridBinarizer(source), new GlobalHistogramBinarizer(source)}) {
                try {
                    return Optional.of(new QRCodeReader().decode(new BinaryBitmap(binarizer), HINTS).getText());
                } catch (NotFoundException | ChecksumException | FormatException e) {
                    // read it another way
                }
            }
            try {
                Result[] found = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), HINTS);
                if (found.length > 0) {
                    return Optional.of(found[0].getText());
                }
            } catch (NotFoundException e) {
                // read it at a smaller size
            }
        }
        return Optional.empty();
    }

    /** The picture, then the same drawn with its longer side at 600 and at 400 pixels, where it is larger. */
    private static List<BufferedImage> sizes(BufferedImage image) {
        List<BufferedImage> sizes = new ArrayList<>(List.of(image));
        int longest = Math.max(image.getWidth(), image.getHeight());
        for (int side : SMALLER_SIDES) {
            if (longest * 3 > side * 4) {
                int width = Math.max(1, (int) Math.round(image.getWidth() * (double) side / longest));
                int height = Math.max(1, (int) Math.round(image.getHeight() * (double) side / longest));
                BufferedImage smaller = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = smaller.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, 0, 0, width, height, null);
                g.dispose();
                sizes.add(smaller);
            }
        }
        return sizes;
    }

    /** The picture, its size checked from its header before its pixels are decoded. */
    private static BufferedImage readImage(byte[] picture) throws IOException {
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(picture))) {
            if (in == null) {
                return null;
            }
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            var reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw ApiException.invalid("qr_image", "qr_image has too many pixels");
                }
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt(pixels / (double) DECODED_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
