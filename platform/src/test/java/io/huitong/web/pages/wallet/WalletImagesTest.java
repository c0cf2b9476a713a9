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
