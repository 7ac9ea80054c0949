/**
 * The shipped Spanish catalog (written for this project, informal "tú" as Open edX's Spanish
 * emails use). Plural entries carry every CLDR category of `Intl.PluralRules("es")`.
 */
import type { CatalogMessage } from "./catalog.ts";
import type { MsgId } from "./en.ts";

/** Spanish strings by msgid. */
export const es: Readonly<Record<MsgId, CatalogMessage>> = {
  // Shared layout (head, header, footer)
  "{platform_name} Email": "Correo electrónico de {platform_name}",
  "Go to {platform_name} Home Page":
    "Ir a la página de inicio de {platform_name}",
  "My Account": "Mi cuenta",
  "{platform_name} on LinkedIn": "{platform_name} en LinkedIn",
  "{platform_name} on Twitter": "{platform_name} en Twitter",
  "{platform_name} on Facebook": "{platform_name} en Facebook",
  "{platform_name} on Google Plus": "{platform_name} en Google Plus",
  "{platform_name} on Reddit": "{platform_name} en Reddit",
  "Download the iOS app on the Apple Store":
    "Descarga la aplicación para iOS en la Apple Store",
  "Download the Android app on the Google Play Store":
    "Descarga la aplicación para Android en Google Play Store",
  "View on Web": "Ver en la web",
  "Unsubscribe from this list": "Cancelar la suscripción a esta lista",
  "© {year} {platform_name}, All rights reserved.":
    "© {year} {platform_name}. Todos los derechos reservados.",
  "Our mailing address is:": "Nuestra dirección postal es:",
  "Unsubscribe from these emails.":
    "Cancelar la suscripción a estos correos electrónicos.",
  // Upsell block
  "Don't miss the opportunity to highlight your new knowledge and skills by earning a verified certificate. Upgrade by {user_schedule_upgrade_deadline_time}.":
    "No pierdas la oportunidad de destacar tus nuevos conocimientos y habilidades con un certificado verificado. Actualiza tu inscripción antes del {user_schedule_upgrade_deadline_time}.",
  "Upgrade Now": "Actualizar ahora",
  // recurringnudge_day3
  "Keep learning in {course_name}": "Sigue aprendiendo en {course_name}",
  "Keep learning on {platform_name}": "Sigue aprendiendo en {platform_name}",
  "Remember when you enrolled in {course_name} on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "¿Recuerdas cuando te inscribiste en {course_name} en {platform_name}? ¡Nosotros sí, y nos alegra tenerte aquí! Ven a ver lo que todos están aprendiendo.",
  "Remember when you enrolled in {course_name}, and other courses on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "¿Recuerdas cuando te inscribiste en {course_name} y en otros cursos de {platform_name}? ¡Nosotros sí, y nos alegra tenerte aquí! Ven a ver lo que todos están aprendiendo.",
  "Keep learning today.": "Sigue aprendiendo hoy.",
  "Start learning now": "Empieza a aprender ahora",
  // recurringnudge_day10
  "Keep up the momentum!": "¡Mantén el ritmo!",
  "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "Muchos estudiantes de {platform_name} en {course_name} resuelven más problemas cada semana y participan en los foros de discusión. ¿Qué quieres hacer para seguir aprendiendo?",
  "Many {platform_name} learners are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "Muchos estudiantes de {platform_name} resuelven más problemas cada semana y participan en los foros de discusión. ¿Qué quieres hacer para seguir aprendiendo?",
  "Keep learning": "Sigue aprendiendo",
  // upgradereminder
  "Upgrade to earn a verified certificate on {platform_name}":
    "Actualiza tu inscripción para obtener un certificado verificado en {platform_name}",
  "Upgrade to earn a verified certificate in {first_course_name}":
    "Actualiza tu inscripción para obtener un certificado verificado en {first_course_name}",
  "We hope you are enjoying learning with us so far on {platform_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "¡Esperamos que estés disfrutando de aprender con nosotros en {platform_name}! Un certificado verificado te permite destacar tus nuevos conocimientos y habilidades. Un certificado de {platform_name} es oficial y fácil de compartir.",
  "We hope you are enjoying learning with us so far in {first_course_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "¡Esperamos que estés disfrutando de aprender con nosotros en {first_course_name}! Un certificado verificado te permite destacar tus nuevos conocimientos y habilidades. Un certificado de {platform_name} es oficial y fácil de compartir.",
  "Upgrade by {user_schedule_upgrade_deadline_time}.":
    "Actualiza tu inscripción antes del {user_schedule_upgrade_deadline_time}.",
  "Upgrade now": "Actualizar ahora",
  "You are eligible to upgrade in this course:": {
    one: "Puedes actualizar tu inscripción en este curso:",
    many: "Puedes actualizar tu inscripción en estos cursos:",
    other: "Puedes actualizar tu inscripción en estos cursos:",
  },
  "Example of a verified certificate": "Ejemplo de certificado verificado",
  "Upgrade now at": "Actualiza tu inscripción ahora en",
  // instructorledcourseupdate
  "{course_name} Weekly Update": "Novedades semanales de {course_name}",
  "Welcome to week {week_num} of {course_name}!":
    "¡Te damos la bienvenida a la semana {week_num} de {course_name}!",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in the coming weeks:":
    "¡Esperamos que estés disfrutando de {course_name}! Queremos contarte lo que te espera en las próximas semanas:",
  "We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "Te animamos a dedicar tiempo al curso cada semana. ¡Tu dedicación dará sus frutos!",
  "Resume your course now": "Retoma tu curso ahora",
  // courseupdate
  "Welcome to week {week_num}": "Te damos la bienvenida a la semana {week_num}",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in week {week_num}:":
    "¡Esperamos que estés disfrutando de {course_name}! Queremos contarte lo que te espera en la semana {week_num}:",
  "With self-paced courses, you learn on your own schedule. We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "Con los cursos a tu propio ritmo, aprendes según tu horario. Te animamos a dedicar tiempo al curso cada semana. ¡Tu dedicación dará sus frutos!",
};
