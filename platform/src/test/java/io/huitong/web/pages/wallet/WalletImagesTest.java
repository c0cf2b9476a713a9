package io.huitong.web.pages.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The wallet's pictures: codes drawn as PNG, and QR codes read back from pictures of any size the platform takes. */
class WalletImagesTest {

    private static final String PAYLOAD = "00020101021227300010io.huitong0110pay_example5204599953031565405" + "12.506304ABCD";

    private static byte[] png(String dataUri) {
        return Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
    }

    @Test
    void aDrawnQrCodeReadsBack() {
        assertThat(WalletImages.readQr(png(WalletImages.qrDataUri(PAYLOAD)))).contains(PAYLOAD);
        assertThat(WalletImages.barcodeDataUri("281049198685791969")).startsWith("data:image/png;base64,");
    }

    /**
     * Sharp pictures of codes of the form merchants show, at the sizes payers send them, all read back: the first six
     * are codes ZXing's reader alone does not read (it misses about 1 in 300), then a sample of others.
     */
    @Test
    void sharpPicturesOfCodesReadBack() throws Exception {
        java.util.Map<String, Integer> codes = new java.util.LinkedHashMap<>();
        String prefix = "00020101021227300010io.huitong0130pay_01M95";
        String suffix = "5802CN6304ABCD";
        codes.put(prefix + "G4DGAD9521L520459995303156540575868" + suffix, 1400);
        codes.put(prefix + "1EE9LLGQ1C6FM520459995303156540585240" + suffix, 1400);
        codes.put(prefix + "1K80QRE83CK7W520459995303156540585410" + suffix, 1000);
        codes.put(prefix + "FMA375ONYGIK520459995303156540554824" + suffix, 300);
        codes.put(prefix + "C3XFRWZZZAA520459995303156540534841" + suffix, 300);
        codes.put(prefix + "EBR3VXL5LP07520459995303156540553938" + suffix, 300);
        java.util.Random random = new java.util.Random(20261206);
        for (int i = 0; i < 30; i++) {
            codes.put(prefix + Long.toString(random.nextLong() >>> 1, 36).toUpperCase() + "5204599953031565405" + (100 + random.nextInt(90_000))
                    + suffix, new int[] {300, 1000, 1400}[i % 3]);
        }
        java.util.List<String> missed = new java.util.ArrayList<>();
        codes.forEach((payload, size) -> {
            if (!WalletImages.readQr(picture(payload, size)).equals(java.util.Optional.of(payload))) {
                missed.add(size + " px: " + payload);
            }
        });
        assertThat(missed).isEmpty();
    }

    /** A sharp picture of the code, dark grey on off-white, as a PNG. */
    private static byte[] picture(String payload, int size) {
        try {
            com.google.zxing.common.BitMatrix matrix = new com.google.zxing.qrcode.QRCodeWriter().encode(payload,
                    com.google.zxing.BarcodeFormat.QR_CODE, size, size);
            BufferedImage picture = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    picture.setRGB(x, y, matrix.get(x, y) ? 0x202020 : 0xF4F1EA);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(picture, "png", out);
            return out.toByteArray();
        } catch (com.google.zxing.WriterException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLargePictureIsReadAtALowerResolution() throws IOException {
        BufferedImage large = new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage code = ImageIO.read(new java.io.ByteArrayInputStream(png(WalletImages.qrDataUri(PAYLOAD))));
        java.awt.Graphics2D g = large.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 4000, 3000);
        g.drawImage(code, 1000, 500, 2000, 2000, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(large, "png", out);
        assertThat(WalletImages.readQr(out.toByteArray())).contains(PAYLOAD);
    }

    @Test
    void whatIsNoPictureOrNoCodeIsSaidSo() throws IOException {
        assertThatThrownBy(() -> WalletImages.readQr("not a picture".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> WalletImages.readQr(new byte[0])).isInstanceOf(ApiException.class);
        ByteArrayOutputStream blank = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB), "png", blank);
        assertThat(WalletImages.readQr(blank.toByteArray())).isEmpty();
        // a PNG whose header claims 100,000 by 100,000 pixels is refused before its pixels are decoded
        byte[] bomb = blank.toByteArray().clone();
        writeInt(bomb, 16, 100_000);
        writeInt(bomb, 20, 100_000);
        assertThatThrownBy(() -> WalletImages.readQr(bomb)).isInstanceOf(ApiException.class);
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
