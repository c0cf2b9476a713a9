package io.huitong.web.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Self-signed server certificates: an EC P-256 key and an X.509 v3 certificate signed with it (ECDSA with SHA-256),
 * for a subject {@code CN=<name>} with its names as subject alternative names, usable for TLS server authentication
 * only (not a CA). Built from BouncyCastle's ASN.1 classes and signed by the JDK.
 */
final class SelfSignedCertificates {

    /** Names of a development certificate: the ones a developer's client reaches this machine by. */
    static final String LOCALHOST = "localhost";
    static final String[] LOCAL_ADDRESSES = {"127.0.0.1", "::1"};
    /** Issued a little in the past, so that a client whose clock is slightly behind already accepts it. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificates() {
    }

    /** A key pair and its certificate for {@code localhost}, 127.0.0.1 and ::1, valid from now for {@code validity}. */
    static Issued localhost(Clock clock, Duration validity) {
        return issue(LOCALHOST, LOCAL_ADDRESSES, clock, validity);
    }

    /** A key pair and its certificate for the DNS name {@code name} and the IP addresses {@code addresses}. */
    static Issued issue(String name, String[] addresses, Clock clock, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keys = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name subject = new X500Name("CN=" + name);
            AlgorithmIdentifier ecdsaWithSha256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(127, RANDOM).setBit(126)));
            tbs.setIssuer(subject);
            tbs.setSubject(subject);
            tbs.setStartDate(new Time(Date.from(now.minus(BACKDATE))));
            tbs.setEndDate(new Time(Date.from(now.plus(validity))));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            tbs.setSignature(ecdsaWithSha256);
            tbs.setExtensions(extensions(name, addresses));
            TBSCertificate toBeSigned = tbs.generateTBSCertificate();

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate(), RANDOM);
            signer.update(toBeSigned.getEncoded("DER"));
            byte[] der = new DERSequence(new ASN1Encodable[]{toBeSigned, ecdsaWithSha256, new DERBitString(signer.sign())}).getEncoded("DER");
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            return new Issued(keys, certificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    private static Extensions extensions(String name, String[] addresses) throws IOException {
        GeneralName[] names = new GeneralName[1 + addresses.length];
        names[0] = new GeneralName(GeneralName.dNSName, name);
        for (int i = 0; i < addresses.length; i++) {
            names[i + 1] = new GeneralName(GeneralName.iPAddress, addresses[i]);
        }
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return extensions.generate();
    }

    /** A key pair and the certificate of its public key. */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }
}
