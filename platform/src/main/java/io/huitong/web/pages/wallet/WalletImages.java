package io.huitong.web.pages.wallet;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeReader;
import io.huitong.kernel.ApiException;
import io.huitong.web.consumers.QrImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
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
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText());
        } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
            return Optional.empty();
        }
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
