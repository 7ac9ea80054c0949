/**
 * The shipped French catalog (written for this project, "vous" as Open edX's French emails use).
 * French typography puts a no-break space (U+00A0) before `:`, `!` and `?`, so a line never
 * starts with the punctuation. Plural entries carry every CLDR category of
 * `Intl.PluralRules("fr")`.
 */
import type { CatalogMessage } from "./catalog.ts";
import type { MsgId } from "./en.ts";

/** French strings by msgid. */
export const fr: Readonly<Record<MsgId, CatalogMessage>> = {
  // Shared layout (head, header, footer)
  "{platform_name} Email": "Courriel de {platform_name}",
  "Go to {platform_name} Home Page":
    "Aller à la page d'accueil de {platform_name}",
  "My Account": "Mon compte",
  "{platform_name} on LinkedIn": "{platform_name} sur LinkedIn",
  "{platform_name} on Twitter": "{platform_name} sur Twitter",
  "{platform_name} on Facebook": "{platform_name} sur Facebook",
  "{platform_name} on Google Plus": "{platform_name} sur Google Plus",
  "{platform_name} on Reddit": "{platform_name} sur Reddit",
  "Download the iOS app on the Apple Store":
    "Télécharger l'application iOS sur l'Apple Store",
  "Download the Android app on the Google Play Store":
    "Télécharger l'application Android sur Google Play Store",
  "View on Web": "Afficher dans le navigateur",
  "Unsubscribe from this list": "Se désabonner de cette liste",
  "© {year} {platform_name}, All rights reserved.":
    "© {year} {platform_name}. Tous droits réservés.",
  "Our mailing address is:": "Notre adresse postale\u00a0:",
  "Unsubscribe from these emails.": "Se désabonner de ces courriels.",
  // Upsell block
  "Don't miss the opportunity to highlight your new knowledge and skills by earning a verified certificate. Upgrade by {user_schedule_upgrade_deadline_time}.":
    "Ne manquez pas l'occasion de mettre en valeur vos nouvelles connaissances et compétences en obtenant un certificat vérifié. Passez au parcours vérifié avant le {user_schedule_upgrade_deadline_time}.",
  "Upgrade Now": "Passer au parcours vérifié",
  // recurringnudge_day3
  "Keep learning in {course_name}": "Continuez à apprendre dans {course_name}",
  "Keep learning on {platform_name}":
    "Continuez à apprendre sur {platform_name}",
  "Remember when you enrolled in {course_name} on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "Vous souvenez-vous de votre inscription à {course_name} sur {platform_name}\u00a0? Nous, oui, et nous sommes ravis de vous compter parmi nous\u00a0! Venez découvrir ce que tout le monde apprend.",
  "Remember when you enrolled in {course_name}, and other courses on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "Vous souvenez-vous de votre inscription à {course_name} et à d'autres cours sur {platform_name}\u00a0? Nous, oui, et nous sommes ravis de vous compter parmi nous\u00a0! Venez découvrir ce que tout le monde apprend.",
  "Keep learning today.": "Continuez à apprendre dès aujourd'hui.",
  "Start learning now": "Commencer à apprendre",
  // recurringnudge_day10
  "Keep up the momentum!": "Gardez le rythme\u00a0!",
  "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "De nombreux apprenants de {platform_name} inscrits à {course_name} résolvent chaque semaine davantage d'exercices et participent aux forums de discussion. Que voulez-vous faire pour continuer à apprendre\u00a0?",
  "Many {platform_name} learners are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "De nombreux apprenants de {platform_name} résolvent chaque semaine davantage d'exercices et participent aux forums de discussion. Que voulez-vous faire pour continuer à apprendre\u00a0?",
  "Keep learning": "Continuer à apprendre",
  // upgradereminder
  "Upgrade to earn a verified certificate on {platform_name}":
    "Passez au parcours vérifié pour obtenir un certificat sur {platform_name}",
  "Upgrade to earn a verified certificate in {first_course_name}":
    "Passez au parcours vérifié pour obtenir un certificat dans {first_course_name}",
  "We hope you are enjoying learning with us so far on {platform_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "Nous espérons que vous appréciez votre apprentissage avec nous sur {platform_name}\u00a0! Un certificat vérifié vous permet de mettre en valeur vos nouvelles connaissances et compétences. Un certificat {platform_name} est officiel et facile à partager.",
  "We hope you are enjoying learning with us so far in {first_course_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "Nous espérons que vous appréciez votre apprentissage avec nous dans {first_course_name}\u00a0! Un certificat vérifié vous permet de mettre en valeur vos nouvelles connaissances et compétences. Un certificat {platform_name} est officiel et facile à partager.",
  "Upgrade by {user_schedule_upgrade_deadline_time}.":
    "Passez au parcours vérifié avant le {user_schedule_upgrade_deadline_time}.",
  "Upgrade now": "Passer au parcours vérifié",
  "You are eligible to upgrade in this course:": {
    one: "Vous pouvez passer au parcours vérifié dans ce cours\u00a0:",
    many: "Vous pouvez passer au parcours vérifié dans ces cours\u00a0:",
    other: "Vous pouvez passer au parcours vérifié dans ces cours\u00a0:",
  },
  "Example of a verified certificate": "Exemple de certificat vérifié",
  "Upgrade now at": "Passez au parcours vérifié dès maintenant\u00a0:",
  // instructorledcourseupdate
  "{course_name} Weekly Update": "{course_name}\u00a0: le point de la semaine",
  "Welcome to week {week_num} of {course_name}!":
    "Bienvenue dans la semaine {week_num} de {course_name}\u00a0!",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in the coming weeks:":
    "Nous espérons que vous appréciez {course_name}\u00a0! Voici ce qui vous attend dans les semaines à venir\u00a0:",
  "We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "Nous vous encourageons à consacrer du temps au cours chaque semaine. Votre assiduité finira par porter ses fruits\u00a0!",
  "Resume your course now": "Reprendre votre cours",
  // courseupdate
  "Welcome to week {week_num}": "Bienvenue dans la semaine {week_num}",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in week {week_num}:":
    "Nous espérons que vous appréciez {course_name}\u00a0! Voici ce qui vous attend dans la semaine {week_num}\u00a0:",
  "With self-paced courses, you learn on your own schedule. We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "Avec les cours à votre rythme, vous apprenez selon votre propre emploi du temps. Nous vous encourageons à consacrer du temps au cours chaque semaine. Votre assiduité finira par porter ses fruits\u00a0!",
};
